public import DelayModel
public import Foundation
#if canImport(SwiftOverlayShims)
// Linux: release builds resolve `stat`'s `timespec` members to this module (MemberImportVisibility).
import SwiftOverlayShims
#endif

/// Reading and writing the model artifact file (`models/delay-tree.json` by default).
///
/// Writes are atomic: the bytes go to a temporary file in the same folder, which is flushed to disk and
/// then renamed over the target. A reader (a serving process watching the file) therefore sees either the
/// old file or the new one, never a partial file.
public enum ModelFile {
    /// Writes `artifact` as JSON to `path` atomically, creating the folder if needed.
    public static func write(_ artifact: ModelArtifact, to path: String) throws {
        try write(artifact.jsonData(), to: path)
    }

    /// Writes `data` to `path` atomically: temporary file in the same folder, `fsync`, `rename`, then
    /// `fsync` of the folder so the rename itself is durable. The temporary file is removed on failure.
    public static func write(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ModelFileError("cannot create \(temporary)", errno: errno) }
        do {
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw ModelFileError("cannot write \(temporary)", errno: errno)
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw ModelFileError("cannot flush \(temporary)", errno: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw ModelFileError("cannot close \(temporary)", errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ModelFileError("cannot rename \(temporary) to \(path)", errno: code)
        }
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Reads and fully validates the artifact at `path`: JSON of the expected shape and format version,
    /// parts that fit together (`ModelArtifact.validate()`), and exactly the flight-delay features the
    /// server builds rows for.
    public static func read(_ path: String) throws -> ModelArtifact {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError("cannot read \(path): \(error.localizedDescription)")
        }
        let artifact = try ModelArtifact(jsonData: data)
        guard artifact.spec == .flightDelay else {
            throw ModelFileError(
                "\(path) has features \(artifact.spec.features.map(\.name)), the server builds rows of "
                    + "\(FeatureSpec.flightDelay.features.map(\.name))"
            )
        }
        return artifact
    }
}

/// `write(2)`, named apart from `ModelFile.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// What identifies one version of a file on disk: a rename over the path changes the inode, an in-place
/// rewrite changes the modification time or the size.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modificationSeconds: Int
    var modificationNanoseconds: Int

    /// The identity of the file at `path`, or nil when there is none (or it cannot be examined).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modificationSeconds = Int(info.st_mtimespec.tv_sec)
        modificationNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        modificationSeconds = Int(info.st_mtim.tv_sec)
        modificationNanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}

/// A model file could not be read or written.
public struct ModelFileError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, with the path and the system's reason.
    public let description: String

    init(_ message: String, errno code: Int32? = nil) {
        description = code.map { "\(message): \(String(cString: strerror($0)))" } ?? message
    }
}
