import Foundation

/// Date and time texts of the flight feeds.
enum FeedTime {
    /// A wall-clock time `YYYY-MM-DDTHH:MM[:SS[.fff]]` with its UTC offset (`Z`, `±HH:MM` or `±HHMM`).
    struct Stamp: Equatable {
        var year, month, day, hour, minute, second: Int
        /// Seconds east of UTC, as written.
        var offset: Int
    }

    /// Parses an ISO 8601 date-time with an offset; `nil` when `text` is not one.
    static func parse(_ text: String) -> Stamp? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + length] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ index: Int, is character: Character) -> Bool {
            index < bytes.count && bytes[index] == character.asciiValue
        }
        guard let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2), byte(7, is: "-"),
            let day = number(8, 2), byte(10, is: "T") || byte(10, is: " "), let hour = number(11, 2),
            byte(13, is: ":"), let minute = number(14, 2)
        else { return nil }
        var index = 16
        var second = 0
        if byte(index, is: ":") {
            guard let value = number(index + 1, 2) else { return nil }
            second = value
            index += 3
            if byte(index, is: ".") {
                index += 1
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            }
        }
        let offset: Int
        if byte(index, is: "Z") && index + 1 == bytes.count {
            offset = 0
        } else if byte(index, is: "+") || byte(index, is: "-") {
            let sign = byte(index, is: "-") ? -1 : 1
            let rest = bytes.count - index - 1
            if rest == 5, byte(index + 3, is: ":"), let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
            {
                offset = sign * (hours * 3600 + minutes * 60)
            } else if rest == 4, let hours = number(index + 1, 2), let minutes = number(index + 3, 2) {
                offset = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
        } else {
            return nil
        }
        let stamp = Stamp(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            offset: offset
        )
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return stamp
    }

    /// The instant of `stamp` read with its written offset.
    static func instant(_ stamp: Stamp) -> Date {
        let days = CivilTime.days(year: stamp.year, month: stamp.month, day: stamp.day)
        let seconds = days * 86_400 + stamp.hour * 3600 + stamp.minute * 60 + stamp.second - stamp.offset
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// The instant of `stamp`'s wall-clock time in `timezone` (its written offset ignored).
    static func instant(_ stamp: Stamp, wallClockIn timezone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone
        let components = DateComponents(
            year: stamp.year,
            month: stamp.month,
            day: stamp.day,
            hour: stamp.hour,
            minute: stamp.minute,
            second: stamp.second
        )
        return calendar.date(from: components)
    }

    /// The calendar date `YYYY-MM-DD` of `instant` in `timezone`.
    static func localDate(_ instant: Date, in timezone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
