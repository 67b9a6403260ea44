import GraphQLEngine
import Relational

/// `Query.delayStats` and the fields of `DelayStat`.
enum StatisticsResolvers {
    static func register(in resolvers: inout Resolvers) {
        resolvers.add("Query", "delayStats", .async { field in
            guard let name = field.arguments.string("groupBy"), let group = DelayGroup(rawValue: name) else {
                throw InternalError("groupBy not coerced")
            }
            let filter = try FlightFilter(field.arguments.value("filter"))
            return try await field.context.services.database.delayStats(groupBy: group, filter: filter)
        })
        resolvers.leaf("DelayStat", "key") { (stat: DelayStat) in stat.key }
        resolvers.leaf("DelayStat", "flights") { (stat: DelayStat) in stat.flights }
        resolvers.leaf("DelayStat", "cancelled") { (stat: DelayStat) in stat.cancelled }
        resolvers.leaf("DelayStat", "meanDepartureDelay") { (stat: DelayStat) in stat.meanDepartureDelay }
        resolvers.leaf("DelayStat", "medianDepartureDelay") { (stat: DelayStat) in stat.medianDepartureDelay }
        resolvers.leaf("DelayStat", "delayedShare") { (stat: DelayStat) in stat.delayedShare }
    }
}
