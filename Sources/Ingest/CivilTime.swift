import Foundation

/// Calendar arithmetic on the proleptic Gregorian calendar, without time zones.
enum CivilTime {
    /// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// ISO day of the week (1 = Monday … 7 = Sunday) of a day count since 1970-01-01 (a Thursday).
    static func isoDayOfWeek(days: Int) -> Int {
        ((days + 3) % 7 + 7) % 7 + 1
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` into Unix seconds, or nil.
    static func parseUTC(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        return Int64(days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second)
    }
}

/// Converts local wall-clock times to UTC with Foundation's `TimeZone` (IANA rules, DST included),
/// memoising offsets per zone and local hour.
///
/// Not `Sendable`: used by the one thread that runs the load.
final class LocalTimeConverter {
    private var zones: [String: TimeZone?] = [:]
    private var offsets: [OffsetKey: Int64] = [:]

    private struct OffsetKey: Hashable {
        var zone: String
        var localHour: Int64
    }

    /// Unix seconds of the local wall-clock time `local` (seconds since 1970-01-01T00:00 local) in
    /// `identifier`, or nil when the zone is unknown. Wall times that do not exist (spring-forward gap)
    /// or exist twice (fall-back hour) use the daylight-saving offset, i.e. the first occurrence.
    func utc(local: Int64, zone identifier: String) -> Int64? {
        let key = OffsetKey(zone: identifier, localHour: local / 3_600)
        if let offset = offsets[key] { return local - offset }
        guard let zone = zone(identifier) else { return nil }
        let guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local))))
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess))))
        offsets[key] = offset
        return local - offset
    }

    private func zone(_ identifier: String) -> TimeZone? {
        if let cached = zones[identifier] { return cached }
        let zone = TimeZone(identifier: identifier)
        zones[identifier] = zone
        return zone
    }
}
