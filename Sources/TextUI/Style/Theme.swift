/// A style for every `ThemeRole`.
///
/// A theme always answers for every role: files that leave roles out inherit them from
/// `Theme.default`, so a pane never draws with a style nobody chose.
public struct Theme: Sendable, Equatable {
    /// The name people pick it by (`--theme NAME`), usually the file name without `.toml`.
    public var name: String
    /// The terminal background the theme is made for, when it says (`background = "dark"` in
    /// its file); its 8- and 16-colour forms are made to read on that.
    public var background: TerminalBackground?
    /// The least contrast every role keeps in its 8- and 16-colour forms, when more than WCAG's
    /// 4.5:1 for text and 3:1 for lines (`contrast = 7` in its file).
    public var minimumContrast: Double?
    private var styles: [ThemeRole: Style]

    /// A theme from explicit styles. Roles missing from `styles` come from `base`, or are
    /// `.plain` when there is no base.
    public init(name: String, styles: [ThemeRole: Style], base: Theme? = nil, background: TerminalBackground? = nil) {
        self.name = name
        self.background = background
        var resolved: [ThemeRole: Style] = [:]
        for role in ThemeRole.allCases {
            resolved[role] = styles[role] ?? base?.styles[role] ?? .plain
        }
        self.styles = resolved
    }

    /// The style for `role`.
    public subscript(role: ThemeRole) -> Style {
        get { styles[role] ?? .plain }
        set { styles[role] = newValue }
    }

    /// This theme as a terminal with `capability` can show it.
    ///
    /// With 256 colours or more, colours go to their nearest equivalent (`Color.degraded(to:)`).
    /// With 8 or 16 each role is remade to stay readable on the theme's background
    /// (`FewColorTheme`). With no colour at all the colours are dropped, and each role also takes
    /// the monochrome theme's attributes: a selection drawn only as a background colour would
    /// otherwise vanish.
    public func degraded(to capability: ColorCapability) -> Theme {
        if capability == .ansi8 || capability == .ansi16 {
            return FewColorTheme(capability: capability, background: background).remake(self)
        }
        var result = self
        for role in ThemeRole.allCases {
            let style = self[role]
            if capability == .none {
                result[role] = Style(attributes: style.attributes.union(Theme.monochrome[role].attributes))
            } else {
                result[role] = Style(
                    foreground: style.foreground.degraded(to: capability),
                    background: style.background.degraded(to: capability),
                    attributes: style.attributes
                )
            }
        }
        return result
    }
}
