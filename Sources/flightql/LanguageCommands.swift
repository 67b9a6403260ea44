import ArgumentParser
import FlightQL
import Foundation

/// Reads a file, or standard input for `-`.
private func readSource(_ path: String) throws -> String {
    if path == "-" {
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read \(path)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// `flightql format FILE|-`: prints a GraphQL document in canonical form.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "format", abstract: "Print a GraphQL document canonically.")

    @Argument(help: "A GraphQL file, or - for standard input.") var file: String

    func run() throws {
        do {
            print(try LanguageTools.format(readSource(file)))
        } catch let error as LanguageToolError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `flightql validate FILE|-`: validates an executable document against the served schema.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a document against the served schema; prints JSON lines {message, locations}."
    )

    @Argument(help: "A GraphQL file, or - for standard input.") var file: String
    @Option(help: "The served SDL (env FLIGHTQL_SCHEMA).") var schema: String?

    func run() throws {
        let lines = try LanguageTools.validate(
            readSource(file), schemaPath: schema ?? Configuration.fromEnvironment().schemaPath)
        for line in lines { print(line) }
        if !lines.isEmpty { throw ExitCode.failure }
    }
}

/// `flightql schema`: prints the served SDL.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the served SDL.")

    @Option(help: "The served SDL (env FLIGHTQL_SCHEMA).") var schema: String?

    func run() throws {
        print(try LanguageTools.schemaText(path: schema ?? Configuration.fromEnvironment().schemaPath))
    }
}
