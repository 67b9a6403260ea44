import ArgumentParser
import Foundation

/// Unix seconds of midnight at the start of `date` (`YYYY-MM-DD`) in New York, where every nycflights13
/// flight departs: the local-date windows of `replay` and `pipeline`.
func localMidnight(_ date: String) throws -> Int64 {
    let parts = date.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "America/New_York")!
    guard parts.count == 3, date.count == 10,
        let instant = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
        calendar.component(.day, from: instant) == parts[2]
    else { throw ValidationError("\(date) is not a date YYYY-MM-DD") }
    return Int64(instant.timeIntervalSince1970)
}
