import Foundation

/// The order of a missing episode's times, and what each part needs.
public enum MissingEpisodeRules {
    public enum Field: Hashable, Sendable, CaseIterable {
        case reportedAt, lastSeenAt, lastSeenPlace, policeService, policeReportedAt, locatedAt, locatedPlace, debriefAt
    }

    public static func problems(_ episode: MissingEpisode, now: Date, zone: TimeZone) -> [Problem<Field>] {
        var problems: [Problem<Field>] = []
        if TimeRules.isFuture(episode.reportedMissingAt, now: now) { problems.append(Problem(.reportedAt, TimeRules.futureTime)) }
        if TimeRules.isFuture(episode.lastSeenAt, now: now) {
            problems.append(Problem(.lastSeenAt, TimeRules.futureTime))
        } else if episode.lastSeenAt > episode.reportedMissingAt {
            problems.append(Problem(.lastSeenAt, "Last seen must be at or before the missing report."))
        }
        if episode.lastSeenPlace.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(.lastSeenPlace, "Say where the child was last seen (\"unknown\" if no one knows)."))
        }
        if let police = episode.policeReport {
            if police.service.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(.policeService, "Name the police service the report went to."))
            }
            if TimeRules.isFuture(police.reportedAt, now: now) {
                problems.append(Problem(.policeReportedAt, TimeRules.futureTime))
            } else if police.reportedAt < episode.lastSeenAt {
                problems.append(Problem(.policeReportedAt, "The police report cannot come before the child was last seen (\(TimeText.format(episode.lastSeenAt, zone: zone)))."))
            }
        }
        if let located = episode.located {
            if TimeRules.isFuture(located.at, now: now) {
                problems.append(Problem(.locatedAt, TimeRules.futureTime))
            } else if located.at < episode.lastSeenAt {
                problems.append(Problem(.locatedAt, "Located must be after last seen (\(TimeText.format(episode.lastSeenAt, zone: zone)))."))
            }
            if located.place.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(.locatedPlace, "Say where the child was located."))
            }
        }
        if let debrief = episode.debrief {
            if let located = episode.located {
                if TimeRules.isFuture(debrief.on, now: now) {
                    problems.append(Problem(.debriefAt, TimeRules.futureTime))
                } else if debrief.on < located.at {
                    problems.append(Problem(.debriefAt, "The debrief comes after the child was located (\(TimeText.format(located.at, zone: zone)))."))
                }
            } else {
                problems.append(Problem(.debriefAt, "A debrief is recorded once the child is located."))
            }
        }
        return problems
    }
}
