/// How a feature's values are read and split.
public enum FeatureKind: String, Codable, Sendable, Hashable {
    /// A real number; `NaN` means missing. Split by `value <= threshold`.
    case numeric
    /// A string label encoded to an integer code. Split by category subset.
    case categorical
}

/// One named input of the model.
public struct FeatureDescriptor: Codable, Sendable, Hashable {
    public var name: String
    public var kind: FeatureKind

    public init(name: String, kind: FeatureKind) {
        self.name = name
        self.kind = kind
    }

    /// A numeric feature called `name`.
    public static func numeric(_ name: String) -> FeatureDescriptor { FeatureDescriptor(name: name, kind: .numeric) }

    /// A categorical feature called `name`.
    public static func categorical(_ name: String) -> FeatureDescriptor {
        FeatureDescriptor(name: name, kind: .categorical)
    }
}

/// The ordered list of model inputs. Rows, columns, tree nodes and the artifact all address features by
/// their index in this list.
public struct FeatureSpec: Codable, Sendable, Hashable {
    public var features: [FeatureDescriptor]

    public init(_ features: [FeatureDescriptor]) {
        self.features = features
    }

    /// The number of features.
    public var count: Int { features.count }

    /// The flight-delay features, in this order: `month`, `day_of_week` (ISO, 1 = Monday), `sched_dep_hour`
    /// (local), `carrier`, `origin`, `dest`, `distance`, and the weather at the origin in the scheduled hour:
    /// `temp`, `humid`, `wind_speed`, `precip`, `pressure`, `visib`.
    public static let flightDelay = FeatureSpec([
        .numeric("month"), .numeric("day_of_week"), .numeric("sched_dep_hour"),
        .categorical("carrier"), .categorical("origin"), .categorical("dest"),
        .numeric("distance"), .numeric("temp"), .numeric("humid"), .numeric("wind_speed"),
        .numeric("precip"), .numeric("pressure"), .numeric("visib"),
    ])
}

/// One input value.
public enum FeatureValue: Sendable, Hashable {
    /// A numeric value; `NaN` counts as missing.
    case number(Double)
    /// A categorical value.
    case category(String)
    /// No value. A value of the wrong kind for its feature (a number for a categorical feature or the
    /// reverse) is treated as missing too.
    case missing
}

/// One row of inputs, in the order of a `FeatureSpec`.
public struct FeatureRow: Sendable, Hashable {
    public var values: [FeatureValue]

    public init(_ values: [FeatureValue]) {
        self.values = values
    }

    /// A row in the order of `FeatureSpec.flightDelay`. Weather values may be `nil` (missing).
    public static func flight(
        month: Int,
        dayOfWeek: Int,
        schedDepHour: Int,
        carrier: String,
        origin: String,
        dest: String,
        distance: Double?,
        temp: Double?,
        humid: Double?,
        windSpeed: Double?,
        precip: Double?,
        pressure: Double?,
        visib: Double?
    ) -> FeatureRow {
        func number(_ value: Double?) -> FeatureValue { value.map(FeatureValue.number) ?? .missing }
        return FeatureRow([
            .number(Double(month)), .number(Double(dayOfWeek)), .number(Double(schedDepHour)),
            .category(carrier), .category(origin), .category(dest),
            number(distance), number(temp), number(humid), number(windSpeed),
            number(precip), number(pressure), number(visib),
        ])
    }
}
