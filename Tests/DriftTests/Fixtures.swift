import Foundation

/// The golden files in `Fixtures/`, made by `Fixtures/make_fixtures.py` with scipy 1.17.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )

    static func load<Value: Decodable>(_ name: String, as type: Value.Type) throws -> Value {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(type, from: data)
    }
}

/// Whether `actual` is within `relative` of `expected` (relative error), or within `absolute` of it.
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    let difference = abs(actual - expected)
    return difference <= absolute || difference <= relative * abs(expected)
}
