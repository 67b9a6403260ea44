import CZlib

/// A gzip file read in chunks through zlib's `gzopen`/`gzread`. A file that is not gzip-compressed
/// is read as-is (zlib's transparent mode), so plain CSV files work too.
///
/// Not `Sendable`: one reader is used by one thread, then closed explicitly.
final class GzipFile {
    private var handle: gzFile?
    let name: String

    init(path: String) throws(IngestError) {
        name = path.split(separator: "/").last.map(String.init) ?? path
        guard let handle = gzopen(path, "rb") else {
            throw IngestError(.unreadableFile, file: name, line: nil, "cannot open")
        }
        gzbuffer(handle, 1 << 17)
        self.handle = handle
    }

    deinit {
        assert(handle == nil, "GzipFile deinitialised without close()")
    }

    /// Reads up to `buffer.count` decompressed bytes into `buffer`; returns 0 at the end of the file.
    func read(into buffer: inout [UInt8]) throws(IngestError) -> Int {
        guard let handle else { throw IngestError(.unreadableFile, file: name, line: nil, "closed") }
        let count = buffer.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
        guard count >= 0 else {
            var errnum: Int32 = 0
            let message = gzerror(handle, &errnum).map { String(cString: $0) } ?? "read error"
            throw IngestError(.unreadableFile, file: name, line: nil, "gzip: \(message)")
        }
        return Int(count)
    }

    /// The number of compressed bytes consumed so far (for progress).
    var compressedOffset: Int {
        handle.map { Int(gzoffset($0)) } ?? 0
    }

    func close() {
        if let handle {
            gzclose(handle)
        }
        handle = nil
    }
}
