/// Takes the terminal's answers to queries out of the keys read, whole, whenever they arrive.
///
/// An answer reaches the program the way keys do, and a terminal's key decoder (ncurses) hands it
/// over as Esc followed by characters: read as keys, the answer to the background query typed
/// "]11;rgb:…" into the passphrase, or its `r` opened a new referral. Here an answer is
/// recognised only by its exact sequence — OSC 11's `ESC ] 11 ; rgb:R/G/B` ended by BEL or
/// ESC \, the cursor position `ESC [ row ; column R`, the device attributes `ESC [ ? … c` — and
/// becomes one `InputEvent.reply`. Anything that stops matching on the way is given back as the
/// keys it was, in order, so nothing a person typed is lost (Alt-] is `ESC ]` too).
///
/// An answer cut between two reads is held (`isHolding`) until the next read completes it; the
/// reader gives what is held back as keys (`release()`) if the rest does not come soon.
public struct TerminalReplyScanner: Sendable {
    private enum State: Sendable {
        case ground
        case escape
        case osc(String)
        case oscEscape(String)
        case csi(String)
    }

    private var state: State = .ground
    /// The events of the sequence being matched, as they came.
    private var held: [InputEvent] = []

    /// The longest OSC or CSI body looked at; a longer one is not an answer.
    private static let longestBody = 40
    private static let oscLead = "11;rgb:"

    public init() {}

    /// Whether a sequence that may be an answer has begun and not ended.
    public var isHolding: Bool { !held.isEmpty }

    /// `events` with each complete answer replaced by `.reply`. An unfinished sequence at the
    /// end is held back for the next call — but not an Esc alone: the terminal's key decoder has
    /// already waited for what follows an Esc, so one that ends a read is the Esc key, and is
    /// not kept waiting.
    public mutating func scan(_ events: [InputEvent]) -> [InputEvent] {
        var output: [InputEvent] = []
        output.reserveCapacity(events.count)
        for event in events { take(event, into: &output) }
        if case .escape = state { output += release() }
        return output
    }

    /// What is held, as the keys it was (the rest of the answer never came: it was typing).
    public mutating func release() -> [InputEvent] {
        defer { held = []; state = .ground }
        return held
    }

    private mutating func take(_ event: InputEvent, into output: inout [InputEvent]) {
        switch state {
        case .ground:
            if event == .key(.escape) { hold(event, then: .escape) } else { output.append(event) }
        case .escape:
            switch event {
            case .key(.char("]")): hold(event, then: .osc(""))
            case .key(.char("[")): hold(event, then: .csi(""))
            default: giveBack(andRetake: event, into: &output)
            }
        case .osc(let body):
            switch event {
            case .key(.char(let c)) where Self.oscMayContinue(body + String(c)):
                hold(event, then: .osc(body + String(c)))
            case .key(.ctrl("g")):
                finishOSC(body, with: event, into: &output)
            case .key(.escape):
                hold(event, then: .oscEscape(body))
            default:
                giveBack(andRetake: event, into: &output)
            }
        case .oscEscape(let body):
            if event == .key(.char("\\")) {
                finishOSC(body, with: event, into: &output)
            } else {
                // The Esc may begin something else: give back what came before it, start again at it.
                let escape = held.removeLast()
                output += release()
                take(escape, into: &output)
                take(event, into: &output)
            }
        case .csi(let body):
            guard case .key(.char(let c)) = event, body.count < Self.longestBody else {
                giveBack(andRetake: event, into: &output)
                return
            }
            if c.isASCII && c.isNumber || c == ";" || (c == "?" && body.isEmpty) {
                hold(event, then: .csi(body + String(c)))
            } else if let reply = Self.csiReply(body, final: c) {
                held = []
                state = .ground
                output.append(.reply(reply))
            } else {
                giveBack(andRetake: event, into: &output)
            }
        }
    }

    private mutating func hold(_ event: InputEvent, then next: State) {
        held.append(event)
        state = next
    }

    /// The sequence stopped matching: what was held goes out as keys, and `event` is looked at
    /// afresh (it may be the Esc of an answer).
    private mutating func giveBack(andRetake event: InputEvent, into output: inout [InputEvent]) {
        output += release()
        take(event, into: &output)
    }

    private mutating func finishOSC(_ body: String, with terminator: InputEvent, into output: inout [InputEvent]) {
        if body.count > Self.oscLead.count, let background = TerminalBackground.fromReply(body) {
            held = []
            state = .ground
            output.append(.reply(.background(background)))
        } else {
            held.append(terminator)
            output += release()
        }
    }

    /// Whether `body` can still grow into `11;rgb:R/G/B` (1–4 hex digits a channel).
    static func oscMayContinue(_ body: String) -> Bool {
        guard body.count > oscLead.count else { return oscLead.hasPrefix(body) }
        guard body.hasPrefix(oscLead) else { return false }
        let channels = body.dropFirst(oscLead.count).split(separator: "/", omittingEmptySubsequences: false)
        return channels.count <= 3 && channels.allSatisfy { $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }
    }

    /// The answer a CSI body and its final character make, if they make one.
    static func csiReply(_ body: String, final: Character) -> TerminalReply? {
        switch final {
        case "c" where body.hasPrefix("?") && body.count > 1:
            return .deviceAttributes
        case "R":
            let numbers = body.split(separator: ";", omittingEmptySubsequences: false)
            guard numbers.count == 2, let row = Int(numbers[0]), let column = Int(numbers[1]) else { return nil }
            return .cursorPosition(row: row, column: column)
        default:
            return nil
        }
    }
}
