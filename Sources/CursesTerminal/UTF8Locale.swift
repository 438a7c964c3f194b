import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// ncursesw only draws wide characters when the C library's locale is a UTF-8 one.
enum UTF8Locale {
    /// Takes the locale from the environment, and falls back to `C.UTF-8` when that one is not
    /// UTF-8 (for example `LANG` unset, as under cron or a bare `ssh host cmd`).
    static func activate() {
        _ = setlocale(LC_ALL, "")
        if isUTF8 { return }
        if setlocale(LC_ALL, "C.UTF-8") == nil {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    static var isUTF8: Bool {
        guard let codeset = care_codeset() else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
