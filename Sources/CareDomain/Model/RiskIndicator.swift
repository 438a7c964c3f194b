import Foundation

/// A sign of exploitation observed around a child.
public struct RiskIndicator: CareRecord {
    public static let kind = RecordKind.indicator

    /// The standard list, plus `other` with the worker's own words.
    public enum Kind: Hashable, Codable, Sendable {
        case olderOrControllingPartner
        case repeatedMissingEpisodes
        case unexplainedMoneyOrGoods
        case hotelKeyCardsOrStays
        case multiplePhonesOrAccounts
        case explicitOnlineProfile
        case brandingTattoos
        case secrecyAboutWhereabouts
        case substanceUse
        case schoolDisengagement
        case lossOfContactWithFamily
        case sexTradeVocabulary
        case noIDOrSomeoneElseHoldsIt
        case reluctanceToEngage
        case other(String)

        public static let standard: [Kind] = [
            .olderOrControllingPartner, .repeatedMissingEpisodes, .unexplainedMoneyOrGoods,
            .hotelKeyCardsOrStays, .multiplePhonesOrAccounts, .explicitOnlineProfile, .brandingTattoos,
            .secrecyAboutWhereabouts, .substanceUse, .schoolDisengagement, .lossOfContactWithFamily,
            .sexTradeVocabulary, .noIDOrSomeoneElseHoldsIt, .reluctanceToEngage,
        ]

        public var label: String {
            switch self {
            case .olderOrControllingPartner: "older or controlling partner"
            case .repeatedMissingEpisodes: "repeated missing episodes"
            case .unexplainedMoneyOrGoods: "unexplained money, phones, clothes or gift cards"
            case .hotelKeyCardsOrStays: "hotel key cards or hotel stays"
            case .multiplePhonesOrAccounts: "multiple phones or accounts"
            case .explicitOnlineProfile: "explicit online profile"
            case .brandingTattoos: "branding or ownership tattoos"
            case .secrecyAboutWhereabouts: "secrecy about whereabouts"
            case .substanceUse: "substance use"
            case .schoolDisengagement: "school disengagement"
            case .lossOfContactWithFamily: "loss of contact with family"
            case .sexTradeVocabulary: "sex-trade vocabulary"
            case .noIDOrSomeoneElseHoldsIt: "no ID, or someone else holds it"
            case .reluctanceToEngage: "reluctance to engage"
            case .other(let text): text
            }
        }
    }

    public enum Source: String, Codable, Sendable, CaseIterable {
        case youth, family, school, police, placement, worker
    }

    public var id: IndicatorID
    public var version: Int
    public var child: ChildID
    public var kind: Kind
    public var observedOn: DayDate
    public var source: Source
    public var note: String
    public var resolved: Bool

    public init(
        id: IndicatorID = .make(), version: Int = 0, child: ChildID, kind: Kind, observedOn: DayDate,
        source: Source, note: String = "", resolved: Bool = false
    ) {
        self.id = id
        self.version = version
        self.child = child
        self.kind = kind
        self.observedOn = observedOn
        self.source = source
        self.note = note
        self.resolved = resolved
    }

    public var recordID: String { id.rawValue }
    public var childID: ChildID? { child }
}
