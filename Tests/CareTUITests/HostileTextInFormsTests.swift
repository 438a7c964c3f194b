import CareDomain
import CareTUI
import CareTestFixtures
import Foundation
import Testing
import TextUI

/// The hostile-text corpus through every text field of every form a record opens, pasted and
/// typed: nothing crashes, no control, bidi or invisible character reaches a frame, every cell
/// still has the width the layout gave it, and what is saved is the sanitized text.
@MainActor
@Suite struct HostileTextInFormsTests {
    struct FormOpening: Sendable, CustomTestStringConvertible {
        let name: String
        let keys: [Key]
        var testDescription: String { name }

        static let all = [
            FormOpening(name: "contact note", keys: [.enter, .char("n")]),
            FormOpening(name: "missing episode", keys: [.enter, .char("m")]),
            FormOpening(name: "risk indicator", keys: [.enter, .char("i")]),
            FormOpening(name: "safety plan", keys: [.enter, .char("p")]),
            FormOpening(name: "profile", keys: [.enter, .char("e")]),
            FormOpening(name: "flag", keys: [.enter, .char("f")]),
            FormOpening(name: "new child", keys: [.char("N")]),
            FormOpening(name: "alert acknowledgement", keys: [.char("4"), .char("a")]),
            FormOpening(name: "alert snooze", keys: [.char("4"), .char("z")]),
        ]
    }

    /// A frame no terminal can be made to misread: no forbidden scalar in any cell, and each
    /// cell as wide as the layout assumed (a wide grapheme and its continuation, else one).
    static func problems(in buffer: Buffer) -> [String] {
        var found: [String] = []
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                guard !cell.isContinuation else { continue }
                if cell.symbol.unicodeScalars.contains(where: { Sanitizer.isForbidden($0) }) {
                    found.append("forbidden scalar at \(x),\(y): \(cell.symbol.unicodeScalars.map { String($0.value, radix: 16) })")
                }
                let wide = x + 1 < buffer.size.width && buffer[x + 1, y].isContinuation
                let width = DisplayWidth.of(cell.symbol)
                if width != (wide ? 2 : 1) && !(width == 0 && cell.symbol.isEmpty) {
                    found.append("cell at \(x),\(y) is \(width) wide, laid out as \(wide ? 2 : 1): \(cell.symbol.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
        return found
    }

    /// Every string inside `value`, as JSON holds them.
    static func strings(in value: some Encodable) throws -> [String] {
        func walk(_ node: Any) -> [String] {
            switch node {
            case let text as String: [text]
            case let array as [Any]: array.flatMap(walk)
            case let object as [String: Any]: object.keys.map { $0 } + object.values.flatMap(walk)
            default: []
            }
        }
        return walk(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed]))
    }

    /// The corpus into every text, note and list field of the form in front, pasted, and every
    /// third entry typed as keys (a terminal without bracketed paste); after each entry, the
    /// frame is checked. Returns how many fields were filled.
    static func fillEveryTextField(_ h: Harness, with corpus: HostileCorpus, in name: String) -> Int {
        var filled = 0
        for index in (h.form?.fields ?? []).indices {
            guard let field = h.form?.fields[index] else { break }
            switch field.kind {
            case .text, .note, .list: break
            default: continue
            }
            while h.form?.focus != index { h.press(.tab) }
            for (number, entry) in corpus.short.enumerated() {
                if number % 3 == 0 { h.type(entry.string) } else {
                    h.terminal.feed(paste: entry.string)
                    h.tick()
                }
                let found = problems(in: h.terminal.screen)
                #expect(found.isEmpty, "\(name), \(field.label), \(entry.name): \(found.prefix(3))")
            }
            filled += 1
        }
        return filled
    }

    @Test(arguments: FormOpening.all)
    func everyTextFieldTakesTheCorpusAndNothingRawReachesTheScreenOrTheStore(_ opening: FormOpening) throws {
        let corpus = HostileCorpus.shared
        #expect(corpus.entries.count >= 15, "the fixture is read")
        let h = try Harness(user: "demo-supervisor")
        _ = try h.select { !$0.isMissing }
        for key in opening.keys { h.press(key) }
        _ = try #require(h.form, "\(opening.name) opens")
        let filled = Self.fillEveryTextField(h, with: corpus, in: opening.name)
        #expect(filled > 0, "\(opening.name) has a text field")

        h.press(.ctrl("s"))
        #expect(Self.problems(in: h.terminal.screen).isEmpty)
        if let refused = h.form {
            // Refused (a value a rule does not take): in words beside each field, the text kept.
            let words = refused.fields.compactMap(\.error)
            #expect(!words.isEmpty, "\(opening.name): a refusal says why")
        } else {
            #expect(h.message?.hasPrefix("Saved") == true, "\(opening.name): \(h.message ?? "")")
        }
        // Whatever reached the records is sanitized (line breaks kept in notes).
        var stored = try Self.strings(in: h.app.state.dashboard.snapshot.children)
        stored += try Self.strings(in: h.app.state.dashboard.snapshot.responses)
        if let detail = h.app.state.dashboard.detail {
            stored += try Self.strings(in: detail.contacts.contacts) + Self.strings(in: detail.episodes) + Self.strings(in: detail.indicators)
            stored += try Self.strings(in: detail.plan)
        }
        for text in stored {
            #expect(Sanitizer.isClean(text, multiline: true), "\(opening.name): stored \(text.unicodeScalars.prefix(40).map { String($0.value, radix: 16) })")
        }
    }

    @Test func aHundredThousandCharacterLineIsRefusedWholeWhenPastedAndCutAtTheLimitWhenTyped() throws {
        let line = try #require(HostileCorpus.shared.long).string
        #expect(line.count == 100_000)
        let h = try Harness()
        h.press(.enter, .char("n"), .tab, .tab, .tab)
        h.terminal.feed(paste: line)
        h.tick()
        #expect(h.message == "Not pasted: that is 100,000 characters and Summary has room for 20,000 more. Nothing was changed.")
        #expect(h.formValue("summary") == "")
        // As 100,000 keys in one read: one insertion, up to what the field holds, said in words.
        h.type(line)
        #expect(h.formValue("summary")?.count == 20_000)
        #expect(h.message == "Summary holds at most 20,000 characters; what went past that was not added.")
        #expect(Self.problems(in: h.terminal.screen).isEmpty)

        // The filter line holds 200.
        h.press(.escape, .char("1"), .char("/"))
        h.type(line)
        #expect(h.dashboard.filterField.value.count == FilterLine.limit)
        #expect(h.message == "The filter holds at most 200 characters.")
    }
}
