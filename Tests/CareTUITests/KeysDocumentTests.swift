import CareTUI
import Foundation
import Testing

/// `docs/keys.md` is generated from the key map; this keeps the committed file in step with it.
@Suite struct KeysDocumentTests {
    @Test func docsKeysMatchesTheDefaultKeyMap() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        #expect(committed == KeysDocument.markdown(), "run `swift run care keys > docs/keys.md`")
    }

    @Test func everyDefaultBindingIsListedWithItsKeysUnderItsContext() {
        let text = KeysDocument.markdown()
        let keymap = DefaultKeymap.make()
        for context in KeyContext.allCases {
            #expect(text.contains("`[keys.\(context.rawValue)]`"))
            for binding in keymap.map(context).bindings {
                #expect(text.contains(binding.help))
                #expect(text.contains("`\(binding.action.configName)`"))
            }
        }
    }
}
