import CareDomain
import Foundation
import GRDB
import Testing
@testable import CareStore

/// The unit's time zone is kept with the store, so a worker on a UTC ssh host still sees the
/// unit's local times.
@Suite struct UnitTimeZoneTests {
    static let toronto = TimeZone(identifier: "America/Toronto")!

    @Test func theZoneAStoreWasCreatedWithComesBackAfterReopening() throws {
        let fixture = try StoreFixture()
        let created = try fixture.create(withTeam: false, timeZone: Self.toronto)
        #expect(created.unitInfo == UnitInfo(code: "TST", timeZone: Self.toronto))
        try created.close()

        let reopened = try fixture.open(StoreFixture.supervisor)
        #expect(reopened.unitInfo.timeZone.identifier == "America/Toronto")
        #expect(try StoreAdmin.unit(options: fixture.options) == UnitInfo(code: "TST", timeZone: Self.toronto))
    }

    @Test func aDemoStoreKeepsItsZone() throws {
        let fixture = try StoreFixture(fileName: "demo.care")
        let demo = DemoGenerator.make(seed: 5, children: 3, now: Samples.now)
        try DemoStore.create(demo, at: fixture.path, passphrase: "demo", kdfCost: .testOnly, clock: fixture.clock, timeZone: Self.toronto)
        #expect(try StoreAdmin.unit(options: fixture.options).timeZone.identifier == "America/Toronto")
    }

    @Test func aStoreWithoutAZoneUsesTheMachines() throws {
        let fixture = try StoreFixture()
        try fixture.create(withTeam: false, timeZone: Self.toronto).close()
        try fixture.raw().write { try $0.execute(sql: "DELETE FROM meta WHERE key = 'time_zone'") }
        #expect(try fixture.open(StoreFixture.supervisor).unitInfo.timeZone == .current)
    }
}
