/// The two themes compiled into the program, so it can always draw even when no theme file
/// can be found or read. `themes/default.toml` and `themes/monochrome.toml` say the same thing
/// (a test keeps them in step).
extension Theme {
    /// The dark theme, used when nothing else is asked for and when a theme file is broken.
    public static let `default` = Theme(name: "default", styles: [
        .border: Style(foreground: DefaultPalette.muted),
        .borderFocus: Style(foreground: DefaultPalette.accent),
        .title: Style(foreground: DefaultPalette.fg),
        .titleFocus: Style(foreground: DefaultPalette.accent, attributes: .bold),
        .statusbar: Style(foreground: DefaultPalette.fg, background: DefaultPalette.panel),
        .keyhint: Style(foreground: DefaultPalette.accent, background: DefaultPalette.panel, attributes: .bold),
        .keyhintDisabled: Style(foreground: DefaultPalette.muted, background: DefaultPalette.panel),
        .selected: Style(foreground: DefaultPalette.bright, background: DefaultPalette.selection, attributes: .bold),
        .muted: Style(foreground: DefaultPalette.muted),
        // The terminal's own foreground, bold: a fixed white heading vanished on light terminals.
        .emphasis: Style(attributes: .bold),
        .normal: Style(),
        .error: Style(foreground: DefaultPalette.red, attributes: .bold),
        .riskLow: Style(foreground: DefaultPalette.green),
        .riskMedium: Style(foreground: DefaultPalette.yellow),
        .riskHigh: Style(foreground: DefaultPalette.orange, attributes: .bold),
        .riskCritical: Style(foreground: DefaultPalette.bright, background: DefaultPalette.alarm, attributes: .bold),
        .alertInfo: Style(foreground: DefaultPalette.accent),
        .alertWarning: Style(foreground: DefaultPalette.yellow, attributes: .bold),
        .alertCritical: Style(foreground: DefaultPalette.red, attributes: .bold),
        .statusMissing: Style(foreground: DefaultPalette.red, attributes: [.bold, .underline]),
        .mask: Style(foreground: DefaultPalette.muted),
        .tabActive: Style(foreground: DefaultPalette.accent, attributes: [.bold, .underline]),
        .tab: Style(foreground: DefaultPalette.muted),
    ], background: .dark)

    /// Attributes only, for `NO_COLOR` and terminals without colour. Every meaning a colour
    /// carries elsewhere is carried here by reverse, bold, underline or dim.
    public static let monochrome = Theme(name: "monochrome", styles: [
        .border: Style(),
        .borderFocus: Style(attributes: .bold),
        .title: Style(),
        .titleFocus: Style(attributes: [.bold, .underline]),
        .statusbar: Style(attributes: .reverse),
        .keyhint: Style(attributes: [.reverse, .bold]),
        .keyhintDisabled: Style(attributes: [.reverse, .dim]),
        .selected: Style(attributes: .reverse),
        .muted: Style(attributes: .dim),
        .emphasis: Style(attributes: .bold),
        .normal: Style(),
        .error: Style(attributes: [.bold, .underline]),
        .riskLow: Style(),
        .riskMedium: Style(),
        .riskHigh: Style(attributes: .bold),
        .riskCritical: Style(attributes: [.bold, .underline]),
        .alertInfo: Style(),
        .alertWarning: Style(attributes: .bold),
        .alertCritical: Style(attributes: [.bold, .underline]),
        .statusMissing: Style(attributes: [.bold, .underline]),
        .mask: Style(attributes: .dim),
        .tabActive: Style(attributes: [.bold, .underline]),
        .tab: Style(attributes: .dim),
    ])
}

/// The `[palette]` of `themes/default.toml`.
private enum DefaultPalette {
    static let fg = Color.rgb(0xD0, 0xD0, 0xD0)
    static let bright = Color.rgb(0xFF, 0xFF, 0xFF)
    static let muted = Color.rgb(0x8A, 0x8A, 0x8A)
    static let accent = Color.rgb(0x5F, 0xAF, 0xFF)
    static let panel = Color.rgb(0x26, 0x26, 0x26)
    static let selection = Color.rgb(0x00, 0x5F, 0x87)
    static let green = Color.rgb(0x87, 0xD7, 0x87)
    static let yellow = Color.rgb(0xFF, 0xD7, 0x5F)
    static let orange = Color.rgb(0xFF, 0xAF, 0x5F)
    static let red = Color.rgb(0xFF, 0x5F, 0x5F)
    static let alarm = Color.rgb(0xAF, 0x00, 0x00)
}
