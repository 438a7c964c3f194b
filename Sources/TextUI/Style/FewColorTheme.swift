/// A theme made for 256 colours or more, remade for a terminal of 8 or 16 (`TERM=linux`,
/// `TERM=xterm`, `xterm-16color`).
///
/// Taking each colour's nearest ANSI colour is not enough there: the dark theme's grey became
/// black (borders and hints vanished), its selection bar black, and red text on a dark screen
/// reads at 3.6:1. So each role is remade to stay readable on the background the theme is made
/// for (`Theme.background`; the terminal's own is taken as black or white), with the xterm
/// palette as the measure. A grey stays a grey and a colour a colour; in order:
///
/// 1. the nearest colours, when they read (`Contrast.required(for:)`, or the theme's own
///    `minimumContrast`) and a background that stood out from the terminal's (a selection)
///    still does;
/// 2. else the nearest of the same hue that reads (the dark theme's light blue becomes cyan);
/// 3. else, for a coloured text on the terminal's background, that colour as the background with
///    black or white text on it — red stays red (MISSING, a critical alert), as a block;
/// 4. else the nearest background on which a colour reads, with the nearest such colour;
/// 5. else the pair with the most contrast.
///
/// Attributes are kept as they were. A bold role reads both in its colour and in the bright
/// colour many terminals show bold text in.
struct FewColorTheme {
    typealias RGB = Contrast.RGB

    /// How many ANSI colours the terminal has: 8 or 16.
    let count: Int
    let terminalBackground: RGB
    let terminalForeground: RGB
    /// The theme's own floor, above the roles' (high-contrast's 7:1).
    var minimumContrast: Double?

    /// Colours this many degrees of hue apart still count as the same colour.
    private static let sameHue = 45.0

    init(capability: ColorCapability, background: TerminalBackground?) {
        count = capability == .ansi8 ? 8 : 16
        if background == .light {
            terminalBackground = (255, 255, 255)
            terminalForeground = (0, 0, 0)
        } else {
            terminalBackground = (0, 0, 0)
            terminalForeground = Color.ansiPalette[7]
        }
    }

    func remake(_ theme: Theme) -> Theme {
        var result = theme
        var remaking = self
        remaking.minimumContrast = theme.minimumContrast
        for role in ThemeRole.allCases { result[role] = remaking.remake(theme[role], for: role) }
        return result
    }

    /// One palette colour, or the terminal's own, with what it looks like.
    private struct Option {
        var color: Color
        var rgb: RGB
    }

    private var palette: [Option] {
        (0..<count).map { Option(color: .ansi(UInt8($0)), rgb: Color.ansiPalette[$0]) }
    }

    func remake(_ style: Style, for role: ThemeRole) -> Style {
        let needed = max(Contrast.required(for: role), minimumContrast ?? 0)
        let wantedForeground = Contrast.rgb(style.foreground) ?? terminalForeground
        let wantedBackground = Contrast.rgb(style.background) ?? terminalBackground
        let mustStandOut = style.background != .default
            && Contrast.ratio(wantedBackground, terminalBackground) >= Contrast.visibleBackground
        func styled(_ foreground: Option, _ background: Option) -> Style {
            Style(foreground: foreground.color, background: background.color, attributes: style.attributes)
        }
        // xterm, the Linux console and PuTTY show bold text in ANSI colours 0–7 in the bright
        // colour 8 above (bold black on cyan came out grey on cyan): a bold role must read both ways.
        let bold = style.attributes.contains(.bold)
        func reads(_ foreground: Option, _ background: Option) -> Bool {
            guard Contrast.ratio(foreground.rgb, background.rgb) >= needed else { return false }
            guard bold, case .ansi(let index) = foreground.color, index < 8 else { return true }
            return Contrast.ratio(Color.ansiPalette[Int(index) + 8], background.rgb) >= needed
        }

        let backgrounds: [Option] = style.background == .default
            ? [Option(color: .default, rgb: terminalBackground)]
            : Self.nearestFirst(palette.filter { !mustStandOut || Contrast.ratio($0.rgb, terminalBackground) >= Contrast.visibleBackground },
                                to: wantedBackground)
        let ownForeground = Option(color: .default, rgb: terminalForeground)
        // The terminal's own foreground first where the theme used it, last where it named a colour.
        let foregrounds = Self.nearestFirst(style.foreground == .default ? [ownForeground] + palette : palette + [ownForeground],
                                            to: wantedForeground)
        guard let background = backgrounds.first, let foreground = foregrounds.first else { return style }

        // 1. The nearest colours.
        if reads(foreground, background) { return styled(foreground, background) }
        // 2. The nearest of the same hue that reads.
        if let hue = Self.hue(wantedForeground),
           let sameHue = foregrounds.first(where: { option in Self.hue(option.rgb).map { Self.hueDifference($0, hue) <= Self.sameHue } ?? false && reads(option, background) }) {
            return styled(sameHue, background)
        }
        // 3. A coloured text on the terminal's background: the colour as a block instead.
        if style.background == .default, Self.hue(foreground.rgb) != nil {
            let block = foreground
            let text = ([ownForeground] + palette.filter { Color.isGrey($0.rgb) })
                .max { Contrast.ratio($0.rgb, block.rgb) < Contrast.ratio($1.rgb, block.rgb) }!
            if reads(text, block) { return styled(text, block) }
        }
        // 4. The nearest background on which some colour reads (a key hint keeps its bar), with
        //    the nearest colour that does.
        for bg in backgrounds {
            if let fg = foregrounds.first(where: { reads($0, bg) }) { return styled(fg, bg) }
        }
        // 5. The most contrast there is.
        let pairs = backgrounds.flatMap { bg in foregrounds.map { (fg: $0, bg: bg) } }
        let strongest = pairs.max { Contrast.ratio($0.fg.rgb, $0.bg.rgb) < Contrast.ratio($1.fg.rgb, $1.bg.rgb) }!
        return styled(strongest.fg, strongest.bg)
    }

    /// `options` nearest to `wanted` first, keeping their order on ties.
    private static func nearestFirst(_ options: [Option], to wanted: RGB) -> [Option] {
        options.enumerated()
            .sorted { a, b in
                let (da, db) = (distance(a.element.rgb, wanted), distance(b.element.rgb, wanted))
                return da != db ? da < db : a.offset < b.offset
            }
            .map(\.element)
    }

    /// How far `option` is from `wanted`. A grey is as far as can be from a colour, so a grey
    /// stays a grey and a colour a colour (by plain distance xterm's mid-grey is the nearest ANSI
    /// colour to the dark theme's light red, and its cyan to a mid-grey), and between colours a
    /// difference of hue counts for more than one of lightness (light green is nearer cyan than
    /// green by plain distance).
    static func distance(_ option: RGB, _ wanted: RGB) -> Int {
        switch (hue(option), hue(wanted)) {
        case (nil, nil): return Color.distance(option, wanted)
        case let (optionHue?, wantedHue?):
            let degrees = hueDifference(optionHue, wantedHue)
            return Color.distance(option, wanted) + Int(degrees * degrees * 20)
        default: return Color.distance(option, wanted) + 1 << 24
        }
    }

    /// The hue in degrees, nil for a grey.
    static func hue(_ color: RGB) -> Double? {
        guard !Color.isGrey(color) else { return nil }
        let (r, g, b) = (Double(color.0), Double(color.1), Double(color.2))
        let high = max(r, g, b), low = min(r, g, b), span = high - low
        var hue: Double
        if high == r { hue = (g - b) / span } else if high == g { hue = 2 + (b - r) / span } else { hue = 4 + (r - g) / span }
        hue *= 60
        return hue < 0 ? hue + 360 : hue
    }

    static func hueDifference(_ a: Double, _ b: Double) -> Double {
        let difference = abs(a - b).truncatingRemainder(dividingBy: 360)
        return min(difference, 360 - difference)
    }
}
