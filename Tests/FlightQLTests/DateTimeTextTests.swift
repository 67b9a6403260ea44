import Testing

@testable import FlightQL

struct DateTimeTextTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_357_034_400, "2013-01-01T10:00:00Z"),
        (1_362_301_500, "2013-03-03T09:05:00Z"),
        (1_388_534_399, "2013-12-31T23:59:59Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
    ])
    func formatsAndParsesUTC(seconds: Int64, text: String) {
        #expect(DateTimeText.format(seconds) == text)
        #expect(DateTimeText.parse(text) == seconds)
    }

    @Test func readsOffsetsAndFractions() {
        #expect(DateTimeText.parse("2013-01-01T05:00:00-05:00") == 1_357_034_400)
        #expect(DateTimeText.parse("2013-01-01T15:30:00+05:30") == 1_357_034_400)
        #expect(DateTimeText.parse("2013-01-01T10:00:00.999Z") == 1_357_034_400)
    }

    @Test(arguments: [
        "", "2013-01-01", "2013-01-01T10:00:00", "2013-13-01T00:00:00Z", "2013-02-29T00:00:00Z",
        "2013-01-01T24:00:00Z", "2013-01-01T10:00:00.Z", "2013-01-01T10:00:00+5:00", "2013-01-01 10:00:00Z",
        "2013-01-01T10:00:00Zjunk",
    ])
    func rejectsWhatIsNotRFC3339(text: String) {
        #expect(DateTimeText.parse(text) == nil)
    }

    @Test func validatesCalendarDates() {
        #expect(DateTimeText.isDate("2013-01-31"))
        #expect(DateTimeText.isDate("2012-02-29"))
        #expect(!DateTimeText.isDate("2013-02-29"))
        #expect(!DateTimeText.isDate("2013-1-31"))
        #expect(!DateTimeText.isDate("2013-01-31T00:00:00Z"))
    }
}
