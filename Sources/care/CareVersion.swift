import CareStore

/// What `care --version` prints: this release, and the store format it reads and writes (a store
/// made by the previous format is upgraded at its first sign-in; a newer one is refused).
enum CareVersion {
    /// Raised for each release; the tag of the release is `v` and this.
    static let number = "0.1.0"

    static var description: String { "\(number) (store format \(StoreAdmin.format))" }
}
