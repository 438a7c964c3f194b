import CareDomain
import TextUI

/// A screen over the dashboard. The stack in `AppState.screens` holds them, front last; keys go
/// to the front one's contexts first (`keyChain`), then the global ones.
public enum Screen: Sendable {
    case form(FormScreen)
    case help(HelpScreen)
    case auditTrail(AuditTrailScreen)
    case question(QuestionScreen)
    case reader(ReaderScreen)
    case handover(HandoverScreen)
    case reveal(RevealScreen)
    case childPicker(ChildPickerScreen)
    /// Choosing a service for a new referral, or the catalogue.
    case servicePicker(ServicePickerScreen)
    /// One referral in full.
    case referral(ReferralScreen)
    /// A liaison's cultural-safety review.
    case review(ReviewScreen)

    public var id: Int {
        switch self {
        case .form(let s): s.id
        case .help(let s): s.id
        case .auditTrail(let s): s.id
        case .question(let s): s.id
        case .reader(let s): s.id
        case .handover(let s): s.id
        case .reveal(let s): s.id
        case .childPicker(let s): s.id
        case .servicePicker(let s): s.id
        case .referral(let s): s.id
        case .review(let s): s.id
        }
    }

    public var keyChain: KeyChain {
        switch self {
        case .form: FormScreen.keyChain
        case .help: HelpScreen.keyChain
        case .auditTrail: AuditTrailScreen.keyChain
        case .question: QuestionScreen.keyChain
        case .reader(let s): s.keyChain
        case .handover(let s): s.keyChain
        case .reveal: RevealScreen.keyChain
        case .childPicker: ChildPickerScreen.keyChain
        case .servicePicker: ServicePickerScreen.keyChain
        case .referral: ReferralScreen.keyChain
        case .review: ReviewScreen.keyChain
        }
    }
}

/// What a screen's update asks of the stack after a key or a result.
struct ScreenStep {
    var effects: [Effect] = []
    /// Whether the screen stays on the stack.
    var keep = true
    /// A screen to put in front of it.
    var push: Screen?

    static let stay = ScreenStep()
    static let close = ScreenStep(keep: false)
}

/// The caseload's filter line while it has the keyboard. Not a screen of its own: it sits in the
/// caseload pane, but keys go to it first.
public enum FilterLine {
    public static let keyChain = KeyChain([.filter, .global], unbound: .typed)
    /// The most characters a filter holds: names and case numbers are short, and a filter is
    /// folded and matched against every row at each keystroke.
    public static let limit = 200

    /// An empty filter field, or one holding `text`.
    static func field(_ text: String = "") -> TextField { TextField(value: text, maxLength: limit) }
}
