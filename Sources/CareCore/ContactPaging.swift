import CareDomain
import Foundation

/// Filling one page of a child's contacts from rows read newest first by (time, id), the same
/// on every backend (each reads the rows with its own SQL and hands them in order): a note of a
/// class this session holds no key to, or whose class the role may not read (a restricted
/// note, for the police role), is counted, never opened, so the page fills with the notes it
/// may read; a note that does not open is passed over and listed in `damaged`, counted like
/// the hidden ones. The counts are those of the rows up to the page's last note, so the next
/// page (after that note's time and id) counts the rest.
package struct ContactPaging {
    package private(set) var page = ContactPage()
    private var hidden = 0
    private var damaged: [DamagedRecord] = []
    private let limit: Int
    private let keys: SessionKeys
    private let role: Role
    private let decoder = RecordCoding.decoder()

    package init(limit: Int, keys: SessionKeys, role: Role) {
        self.limit = max(limit, 0)
        self.keys = keys
        self.role = role
    }

    /// Takes the next row (`row` decodes it; `damage` names it as well as its columns allow);
    /// false once the page is full, and the caller stops reading.
    package mutating func take(_ row: () throws -> RecordRow, damage: () -> DamagedRecord) throws -> Bool {
        let contact: Contact
        do {
            let row = try row()
            guard keys.keyring.holds(row.visibility), role.mayRead(row.visibility) else {
                hidden += 1
                return true
            }
            contact = try RecordOpening.open(Contact.self, row: row, keys: keys, decoder: decoder)
        } catch let error as StoreError where error.isDamage {
            damaged.append(damage())
            return true
        }
        if page.contacts.count == limit {
            page.hasMore = true
            return false
        }
        page.contacts.append(contact)
        page.hiddenRestricted = hidden
        page.damaged = damaged
        return true
    }

    /// The page, once the rows ran out or it filled.
    package var finished: ContactPage {
        var page = page
        if !page.hasMore {
            page.hiddenRestricted = hidden
            page.damaged = damaged
        }
        return page
    }
}
