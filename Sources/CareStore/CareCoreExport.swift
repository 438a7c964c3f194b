// The backend-neutral core (keys, sealing, the audit chain, `StoreError`) is CareCore's; the
// SQLite store's clients see it through this module, as they did before it moved.
@_exported import CareCore
