/// What a piece of text *means* on screen, as a theme names it.
///
/// Widgets and panes ask a `Theme` for a role, never for a colour, so a theme file can restyle
/// the whole program — and the monochrome theme can keep every meaning visible with attributes
/// alone. The raw value is the key a theme file uses under `[roles]`.
public enum ThemeRole: String, CaseIterable, Sendable {
    case border = "ui.border"
    case borderFocus = "ui.border.focus"
    case title = "ui.title"
    case titleFocus = "ui.title.focus"
    case statusbar = "ui.statusbar"
    case keyhint = "ui.keyhint"
    case keyhintDisabled = "ui.keyhint.disabled"
    case selected = "row.selected"
    case muted = "text.muted"
    case emphasis = "text.emphasis"
    case normal = "text.normal"
    case error = "text.error"
    case riskLow = "risk.low"
    case riskMedium = "risk.medium"
    case riskHigh = "risk.high"
    case riskCritical = "risk.critical"
    case alertInfo = "alert.info"
    case alertWarning = "alert.warning"
    case alertCritical = "alert.critical"
    case statusMissing = "status.missing"
    case mask = "mask"
    case tabActive = "ui.tab.active"
    case tab = "ui.tab"
}
