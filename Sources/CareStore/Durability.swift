/// How far a committed transaction must reach before `write` returns.
///
/// Every change to a record, and every event that is not a look at one, is `synced`: SQLite
/// syncs the WAL before the commit returns (`synchronous = FULL`), so a save on screen survives
/// a power cut. The audit event of a look at a child's record (opening it, its preview, a
/// referral in full, the handover's cards) is `untilNextSync`: committed to the WAL before
/// anything is shown, which neither a crash nor `kill -9` of `care` can undo, and made durable by
/// the next synced commit (a sync of the WAL covers every commit before it), by the anchor's next
/// note (`SQLiteCaseStore.noteHead` syncs before it names a head) and at close. Only a power cut
/// or a crash of the machine itself in between can lose it. Waiting for the disk there cost each
/// opening of a record one `fdatasync`, most of the 5 ms the record's frame is allowed
/// (docs/benchmarks.md; docs/security.md, "Audit").
enum Durability: Sendable, Equatable {
    case synced
    case untilNextSync
}
