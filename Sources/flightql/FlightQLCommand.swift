import ArgumentParser
import FlightQL

/// `flightql`: the server and the data pipeline's commands.
@main
struct FlightQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flightql",
        abstract: "A GraphQL server for airline operations data: SQLite history, MongoDB live feed, a delay model.",
        subcommands: [
            ServeCommand.self, IngestCommand.self, TrainCommand.self, ReplayCommand.self, CollectCommand.self,
            DriftCommand.self, PipelineCommand.self,
            FormatCommand.self, ValidateCommand.self, SchemaCommand.self,
        ]
    )
}

/// Where the SQLite database is, shared by the commands that read or write it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database (env FLIGHTQL_DB).")
    var path: String = Configuration.fromEnvironment().databasePath
}
