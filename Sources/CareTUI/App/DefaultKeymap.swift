import TextUI

/// The default bindings of UX.md "Keys", per context. Every one can be remapped in `config.toml`.
public enum DefaultKeymap {
    public static func make() -> Keymap {
        Keymap([
            .global: KeyMap([
                KeyBinding(keys: [.char("?"), .function(1)], action: .help, help: "help: every key that works here"),
                KeyBinding(keys: [.char("M")], action: .toggleMask, help: "mask names (initials and case number)"),
                KeyBinding(keys: [.ctrl("l")], action: .redraw, help: "redraw the screen"),
                KeyBinding(keys: [.ctrl("x")], action: .lock, help: "lock now"),
                KeyBinding(keys: [.char("q"), .ctrl("c")], action: .quit, help: "quit (asks first when a form has unsaved input)"),
            ]),
            .dashboard: KeyMap([
                KeyBinding(keys: [.tab], action: .focusNext, help: "next pane"),
                KeyBinding(keys: [.backTab], action: .focusPrevious, help: "previous pane"),
                KeyBinding(keys: [.char("1")], action: .focus(.caseload), help: "jump to the caseload"),
                KeyBinding(keys: [.char("2")], action: .focus(.child), help: "jump to the child"),
                KeyBinding(keys: [.char("3")], action: .focus(.referrals), help: "jump to the referral queue"),
                KeyBinding(keys: [.char("4")], action: .focus(.alerts), help: "jump to the alerts"),
                KeyBinding(keys: [.char("N")], action: .newChild, help: "new child"),
                KeyBinding(keys: [.char("C")], action: .serviceCatalogue, help: "the services catalogue (supervisors edit it)"),
                KeyBinding(keys: [.function(5)], action: .quickFilter(.mine), help: "show only my cases (again to undo)"),
                KeyBinding(keys: [.function(6)], action: .quickFilter(.missing), help: "show only children missing now"),
                KeyBinding(keys: [.function(7)], action: .quickFilter(.highRisk), help: "show only high and critical risk"),
                KeyBinding(keys: [.function(8)], action: .quickFilter(.indigenous), help: "show only youth with an Indigenous affiliation"),
            ]),
            .list: KeyMap([
                KeyBinding(keys: [.up, .char("k")], action: .moveUp, help: "move up"),
                KeyBinding(keys: [.down, .char("j")], action: .moveDown, help: "move down"),
                KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up"),
                KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down"),
                KeyBinding(keys: [.home, .char("g")], action: .top, help: "first row"),
                KeyBinding(keys: [.end, .char("G")], action: .bottom, help: "last row"),
                KeyBinding(keys: [.enter], action: .open, help: "open"),
            ]),
            .caseload: KeyMap([
                KeyBinding(keys: [.char("/")], action: .filter, help: "filter as you type"),
                KeyBinding(keys: [.escape], action: .clearFilter, help: "clear the filter"),
                KeyBinding(keys: [.char("s")], action: .cycleSort, help: "cycle the sort order"),
            ]),
            .record: KeyMap([
                KeyBinding(keys: [.char("n")], action: .newNote, help: "log a contact note"),
                KeyBinding(keys: [.char("m")], action: .missing, help: "report missing, or record the police report or located"),
                KeyBinding(keys: [.char("b")], action: .debrief, help: "record the debrief after a missing episode"),
                KeyBinding(keys: [.char("i")], action: .addIndicator, help: "add a risk indicator"),
                KeyBinding(keys: [.char("I")], action: .resolveIndicator, help: "resolve a risk indicator"),
                KeyBinding(keys: [.char("p")], action: .safetyPlan, help: "safety plan"),
                KeyBinding(keys: [.char("e")], action: .editProfile, help: "edit the profile"),
                KeyBinding(keys: [.char("f")], action: .addFlag, help: "add a flag"),
                KeyBinding(keys: [.char("F")], action: .removeFlag, help: "remove a flag (with a reason)"),
                KeyBinding(keys: [.char("a")], action: .childAudit, help: "audit trail of this child (supervisor)"),
                KeyBinding(keys: [.char("r")], action: .newReferral, help: "new referral: choose a service, give the reason"),
            ]),
            .alerts: KeyMap([
                KeyBinding(keys: [.char("a")], action: .acknowledgeAlert, help: "acknowledge the alert, with a note"),
                KeyBinding(keys: [.char("z")], action: .snoozeAlert, help: "snooze the alert until a time"),
                KeyBinding(keys: [.char("v")], action: .toggleHiddenAlerts, help: "show or hide acknowledged and snoozed alerts"),
            ]),
            .filter: KeyMap([
                KeyBinding(keys: [.enter, .tab], action: .keepFilter, help: "keep the filter and go back to the list"),
                KeyBinding(keys: [.escape], action: .clearFilter, help: "clear the filter"),
            ]),
            .form: KeyMap([
                KeyBinding(keys: [.ctrl("s")], action: .save, help: "save"),
                KeyBinding(keys: [.tab], action: .nextField, help: "next field"),
                KeyBinding(keys: [.backTab], action: .previousField, help: "previous field"),
                KeyBinding(keys: [.escape], action: .cancel, help: "cancel (asks first when something was typed)"),
            ]),
            .help: KeyMap([
                KeyBinding(keys: [.down, .char("j")], action: .moveDown, help: "scroll down"),
                KeyBinding(keys: [.up, .char("k")], action: .moveUp, help: "scroll up"),
                KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down"),
                KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up"),
            ]),
            .auditTrail: KeyMap([
                KeyBinding(keys: [.down, .char("j")], action: .moveDown, help: "scroll down"),
                KeyBinding(keys: [.up, .char("k")], action: .moveUp, help: "scroll up"),
                KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down"),
                KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up"),
            ]),
            .referrals: KeyMap([
                KeyBinding(keys: [.enter], action: .open, help: "open the referral, or review it (liaison, awaiting review)"),
                KeyBinding(keys: [.char("a")], action: .approveReferral, help: "approve: the review checklist (liaison), or override with a reason (supervisor)"),
                KeyBinding(keys: [.char("x")], action: .returnReferral, help: "return to the worker with a comment (liaison)"),
                KeyBinding(keys: [.char("S")], action: .sendReferral, help: "send to the service (needs the youth's consent given)"),
                KeyBinding(keys: [.char("u")], action: .updateReferralStatus, help: "update the status: submit, the service's answer, started, completed"),
                KeyBinding(keys: [.char("w")], action: .withdrawReferral, help: "withdraw, with a reason"),
                KeyBinding(keys: [.char("c")], action: .recordConsent, help: "record the youth's consent: given, refused or pending"),
                KeyBinding(keys: [.char("e")], action: .editReferral, help: "edit the reason and priority"),
                KeyBinding(keys: [.char("o")], action: .goToChild, help: "go to the child's record"),
                KeyBinding(keys: [.char("v")], action: .nextReferralView, help: "next view: awaiting review, ready to send, sent, all open"),
            ]),
            .referral: KeyMap([
                KeyBinding(keys: [.down, .char("j")], action: .moveDown, help: "scroll down"),
                KeyBinding(keys: [.up, .char("k")], action: .moveUp, help: "scroll up"),
                KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down"),
                KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up"),
                KeyBinding(keys: [.escape], action: .cancel, help: "close"),
            ]),
            .review: KeyMap([
                KeyBinding(keys: [.ctrl("s")], action: .approveReferral, help: "approve with these answers"),
                KeyBinding(keys: [.ctrl("r")], action: .returnReferral, help: "return to the worker with the comment"),
                KeyBinding(keys: [.tab], action: .nextField, help: "next answer or comment"),
                KeyBinding(keys: [.backTab], action: .previousField, help: "previous answer or comment"),
                KeyBinding(keys: [.escape], action: .cancel, help: "close (asks first when something was answered)"),
            ]),
            .picker: KeyMap([
                KeyBinding(keys: [.down], action: .moveDown, help: "move down"),
                KeyBinding(keys: [.up], action: .moveUp, help: "move up"),
                KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down"),
                KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up"),
                KeyBinding(keys: [.enter], action: .open, help: "choose this service (in the catalogue: edit it, supervisor)"),
                KeyBinding(keys: [.ctrl("n")], action: .newService, help: "add a service to the catalogue (supervisor)"),
                KeyBinding(keys: [.escape], action: .cancel, help: "close"),
            ]),
            .question: KeyMap([
                KeyBinding(keys: [.char("y"), .char("Y")], action: .answerYes, help: "yes"),
                KeyBinding(keys: [.char("n"), .char("N"), .escape], action: .answerNo, help: "no, go back"),
            ]),
        ])
    }
}
