import Foundation

/// WCAG 2 contrast, the measure every theme is checked by: 4.5:1 for text, 3:1 for lines and for
/// hints shown greyed because they are off.
public enum Contrast {
    public typealias RGB = (UInt8, UInt8, UInt8)

    /// Roles that are not text to read: lines, and hints shown greyed because they are off.
    public static let nonTextRoles: Set<ThemeRole> = [.border, .borderFocus, .keyhintDisabled]

    /// Below this ratio a background does not stand out from the terminal's own; a selection bar
    /// drawn in it would not be seen.
    public static let visibleBackground = 1.4

    /// The ratio `role`'s colours must reach against its background.
    public static func required(for role: ThemeRole) -> Double {
        nonTextRoles.contains(role) ? 3 : 4.5
    }

    /// Relative luminance of an sRGB colour, 0 (black) to 1 (white).
    public static func luminance(_ color: RGB) -> Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(color.0) + 0.7152 * channel(color.1) + 0.0722 * channel(color.2)
    }

    /// The contrast ratio of two colours, 1:1 to 21:1.
    public static func ratio(_ a: RGB, _ b: RGB) -> Double {
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    /// How a colour looks, with the ANSI colours as xterm shows them by default; nil for the
    /// terminal's own colour.
    public static func rgb(_ color: Color) -> RGB? {
        switch color {
        case .default: nil
        case .ansi(let i), .indexed(let i): Color.rgbOfIndex(i)
        case .rgb(let r, let g, let b): (r, g, b)
        }
    }
}


extension Style {
    /// This style on another ground — a selection bar, a status bar — keeping its own colour
    /// where that still reads there (3:1) and taking `fallback` where it does not: with 8 colours
    /// red text becomes a red block, and its white text vanished on a cyan selection bar.
    public func laid(on background: Color, fallback: Color) -> Style {
        var style = self
        style.background = background
        if let foreground = Contrast.rgb(foreground), let ground = Contrast.rgb(background),
           Contrast.ratio(foreground, ground) < 3 {
            style.foreground = fallback
        }
        return style
    }
}
