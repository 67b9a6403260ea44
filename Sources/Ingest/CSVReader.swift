/// A streaming RFC 4180 CSV reader over a (gzip) file: comma-separated fields, optional double
/// quotes with `""` as an escaped quote, quoted fields may span lines, `\n` or `\r\n` line ends.
///
/// A value type (its state lives on the caller's stack, with no dynamic exclusivity checks in the
/// byte loop) over a `GzipFile` that ``close()`` closes. Not `Sendable`: used by one thread.
struct CSVReader {
    /// One record and the 1-based line where it starts.
    struct Record {
        var fields: [String]
        var line: Int
    }

    private let file: GzipFile
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var count = 0
    private var line = 1
    private var field: [UInt8] = []
    private let quote = UInt8(ascii: "\"")
    private let comma = UInt8(ascii: ",")
    private let newline = UInt8(ascii: "\n")
    private let carriageReturn = UInt8(ascii: "\r")

    /// The file's name, for error messages.
    var fileName: String { file.name }
    /// Compressed bytes consumed so far.
    var compressedOffset: Int { file.compressedOffset }

    init(path: String) throws(IngestError) {
        file = try GzipFile(path: path)
        field.reserveCapacity(256)
    }

    /// Closes the underlying file.
    func close() {
        file.close()
    }

    /// Reads the header record and checks it is exactly `columns`.
    mutating func expectHeader(_ columns: [String]) throws(IngestError) {
        guard let header = try next() else {
            throw IngestError(.unexpectedHeader, file: fileName, line: 1, "empty file")
        }
        guard header.fields == columns else {
            throw IngestError(
                .unexpectedHeader,
                file: fileName,
                line: header.line,
                "expected columns \(columns.joined(separator: ",")), found \(header.fields.joined(separator: ","))"
            )
        }
    }

    /// The next record, or nil at the end of the file.
    mutating func next() throws(IngestError) -> Record? {
        guard let first = try nextByte() else { return nil }
        let startLine = line
        var fields: [String] = []
        var byte: UInt8? = first
        while true {
            // `byte` is the first byte of a field (nil: an empty last field at the end of the file).
            field.removeAll(keepingCapacity: true)
            if byte == quote {
                while true {
                    guard let b = try nextByte() else {
                        throw IngestError(.malformedRow, file: fileName, line: startLine, "unterminated quoted field")
                    }
                    if b == quote {
                        byte = try nextByte()
                        if byte != quote { break }
                    } else if b == newline {
                        line += 1
                    }
                    field.append(b)
                }
            } else {
                while let b = byte, b != comma, b != newline {
                    if b == quote {
                        throw IngestError(
                            .malformedRow,
                            file: fileName,
                            line: startLine,
                            "quote inside an unquoted field"
                        )
                    }
                    field.append(b)
                    byte = try nextByte()
                }
                if byte != comma, field.last == carriageReturn { field.removeLast() }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            switch byte {
            case comma:
                byte = try nextByte()
            case newline:
                line += 1
                return Record(fields: fields, line: startLine)
            case nil:
                return Record(fields: fields, line: startLine)
            case carriageReturn:
                guard try nextByte() == newline else {
                    throw IngestError(
                        .malformedRow,
                        file: fileName,
                        line: startLine,
                        "carriage return without line feed"
                    )
                }
                line += 1
                return Record(fields: fields, line: startLine)
            default:
                throw IngestError(.malformedRow, file: fileName, line: startLine, "text after a closing quote")
            }
        }
    }

    private mutating func nextByte() throws(IngestError) -> UInt8? {
        if position == count {
            count = try file.read(into: &buffer)
            position = 0
            if count == 0 { return nil }
        }
        let b = buffer[position]
        position += 1
        return b
    }
}
