import ArgumentParser
import CareDomain
import CareStore

/// `care user add|list|disable|passwd`: a supervisor manages accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts (supervisor).",
        subcommands: [Add.self, List.self, Disable.self, Passwd.self, RoleChange.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The new account's name.") var name: String
        @Option(name: .long, help: "child-protection, police, liaison or supervisor.") var role: RoleArgument
        @Option(name: .long, help: "The name screens show (default: the account name).") var displayName: String?
        @Option(name: .long, help: "Read the new account's passphrase from this descriptor.") var newPassphraseFd: Int32?

        func validate() throws { try AccountName.validate(name) }

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            let passphrase = try PassphraseReader.newPassphrase(fd: newPassphraseFd, for: name)
            try store.addAccount(NewAccount(accountName: name, displayName: displayName ?? name, role: role.role, passphrase: passphrase))
            Say.out("Added \(name) (\(role.role.title)).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var login: LoginOptions

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            for account in try store.listAccounts() {
                Say.fields([account.accountName, account.role.title, account.active ? "active" : "disabled"])
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its passphrase no longer opens the store.")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The account to disable.") var name: String

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            try store.disableAccount(name)
            Say.out("Disabled \(name). Other accounts are unchanged.")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new passphrase for an account (only that account changes).")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The account whose passphrase changes.") var name: String
        @Option(name: .long, help: "Read the new passphrase from this descriptor.") var newPassphraseFd: Int32?

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            let passphrase = try PassphraseReader.newPassphrase(fd: newPassphraseFd, for: name)
            try store.changePassphrase(account: name, newPassphrase: passphrase)
            Say.out("Changed the passphrase of \(name).")
        }
    }

    struct RoleChange: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role", abstract: "Give an account another role; its keys follow (only what the new role may read).")
        @OptionGroup var login: LoginOptions
        @Argument(help: "The account whose role changes.") var name: String
        @Option(name: .long, help: "child-protection, police, liaison or supervisor.") var role: RoleArgument

        func run() throws {
            let store = try login.open()
            defer { try? store.close() }
            try store.changeRole(account: name, to: role.role)
            Say.out("\(name) is now \(role.role.title).")
        }
    }
}

/// A role as typed on the command line.
struct RoleArgument: ExpressibleByArgument {
    let role: Role

    init?(argument: String) {
        switch argument.lowercased() {
        case "child-protection", "childprotection", "cp": role = .childProtection
        case "police": role = .police
        case "liaison": role = .liaison
        case "supervisor": role = .supervisor
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["child-protection", "police", "liaison", "supervisor"] }
}
