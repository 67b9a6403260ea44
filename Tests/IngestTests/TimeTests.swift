import Testing

@testable import Ingest

@Suite("Civil time and zone conversion")
struct TimeTests {
    @Test("day counts, ISO weekdays and UTC timestamps")
    func civil() {
        #expect(CivilTime.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.days(year: 2013, month: 1, day: 1) == 15_706)
        #expect(CivilTime.days(year: 2012, month: 3, day: 1) - CivilTime.days(year: 2012, month: 2, day: 28) == 2)
        #expect(CivilTime.isoDayOfWeek(days: 0) == 4)  // Thursday
        #expect(CivilTime.isoDayOfWeek(days: 15_706) == 2)  // 2013-01-01, Tuesday
        #expect(CivilTime.isoDayOfWeek(days: 15_711) == 7)  // 2013-01-06, Sunday
        #expect(CivilTime.parseUTC("2013-01-01T10:00:00Z") == 1_357_034_400)
        #expect(CivilTime.parseUTC("2013-01-01 10:00:00Z") == nil)
        #expect(CivilTime.parseUTC("2013-13-01T10:00:00Z") == nil)
        #expect(CivilTime.parseUTC("2013-01-01T10:00:00") == nil)
    }

    @Test(
        "local wall time to UTC across zones and DST transitions",
        arguments: [
            // (zone, local wall time as "seconds since 1970 local", expected UTC)
            ("America/New_York", 1_372_680_000, 1_372_694_400),  // 2013-07-01 12:00 EDT = 16:00Z
            ("America/New_York", 1_357_041_600, 1_357_059_600),  // 2013-01-01 12:00 EST = 17:00Z
            ("America/New_York", 1_362_882_600, 1_362_897_000),  // 2013-03-10 02:30 (gap) -> 06:30Z
            ("America/New_York", 1_383_442_200, 1_383_456_600),  // 2013-11-03 01:30 (twice) -> 05:30Z
            ("Pacific/Honolulu", 1_372_680_000, 1_372_716_000),  // 2013-07-01 12:00 HST = 22:00Z
            ("America/Phoenix", 1_372_680_000, 1_372_705_200),  // 2013-07-01 12:00 MST = 19:00Z
        ]
    )
    func zones(zone: String, local: Int64, utc: Int64) {
        let converter = LocalTimeConverter()
        #expect(converter.utc(local: local, zone: zone) == utc)
        // A second call is answered from the memo and agrees.
        #expect(converter.utc(local: local, zone: zone) == utc)
        #expect(converter.utc(local: local, zone: "Not/AZone") == nil)
    }
}
