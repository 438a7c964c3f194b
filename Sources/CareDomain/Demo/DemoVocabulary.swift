/// The words the demo draws from. Every name, community, provider and place is invented and
/// marked as such ("(demo)", "Test", "Example"), so a screenshot can never be mistaken for a
/// real case. Syllabics names are invented strings of syllables, not anyone's name.
enum DemoVocabulary {
    static let plainFirstNames = [
        "Jordan", "Riley", "Avery", "Quinn", "Casey", "Skyler", "Rowan", "Emery",
        "Harper", "Jesse", "Kai", "Parker", "Reese", "Sage", "Tess", "Blake",
    ]
    static let accentedFirstNames = ["Zoé", "Anaïs", "Noémie", "Maëlle", "Élodie", "Chloé", "Loïc", "Gaël", "Hélène", "Inès"]
    static let lastNames = [
        "Example", "Testcase", "Sample", "Placeholder", "Démo-Tremblay", "Exemple", "Fictif",
        "Mockwood", "Testwater", "Échantillon", "Démoulin-Test", "Sampleby",
    ]
    static let syllables = ["ᐊ", "ᐃ", "ᐅ", "ᑕ", "ᑭ", "ᒪ", "ᓇ", "ᓴ", "ᓕ", "ᔭ", "ᐱ", "ᑯ", "ᕋ", "ᓯ"]

    static let communities: [(name: String, group: IndigenousGroup)] = [
        ("Lakeview Test First Nation", .firstNations),
        ("Cedar Narrows (fictional) Nation", .firstNations),
        ("Birch Point Sample First Nation", .firstNations),
        ("Northpoint Demo Métis Council", .metis),
        ("Tundra Example Inuit Community", .inuk),
    ]

    static let societies = ["Example Family Services (demo)", "Northern Sample Child & Family Services (demo)"]
    static let placements = ["Demo Group Home A", "Sample Foster Home (fictional)", "Example Kinship Home (demo)", "Demo Licensed Residence (fictional)"]
    static let places = [
        "Demo Group Home A", "Sample Street Youth Shelter (fictional)", "Example Mall food court (demo)",
        "Testville bus depot (fictional)", "Sample Secondary School (demo)", "Example Friendship Centre (demo)",
    ]
    static let languages = ["English", "French", "Anishinaabemowin", "Oji-Cree", "Inuktitut", "Michif"]

    static let contactSummaries = [
        "Met youth at placement; youth engaged and talked about school (demo note).",
        "Phone check-in; youth says they are safe and plans to attend group (demo).",
        "Home visit; youth quiet but agreed to meet again Friday (demo).",
        "Spoke with school counsellor about attendance (demo).",
        "Text check-in; youth replied within the hour (demo).",
        "Collateral call with placement staff about curfew (demo).",
        "Drove youth to appointment; talked about safety plan (demo).",
    ]
    static let attemptedSummaries = [
        "Attempted visit; youth not at placement (demo).",
        "Called twice, no answer; left a message (demo).",
    ]
    static let restrictedSummaries = [
        "Youth shared personal history with worker; restricted note (demo).",
        "Counselling-related detail recorded; restricted (demo).",
    ]
    static let nextSteps = [
        "Check in again within the cadence (demo).", "Follow up with school (demo).",
        "Confirm ride to next appointment (demo).", "", "Review safety plan together (demo).",
    ]
    static let flagTexts = [
        "Do not approach at school — demo flag",
        "Contact through placement staff only — demo flag",
        "Youth prefers a female-identifying worker — demo flag",
    ]

    /// The four accounts a demo always has, one per role, with the account names people type.
    static let coreWorkers: [(account: String, name: String, role: Role)] = [
        ("demo-cp", "Alex Testworker (demo)", .childProtection),
        ("demo-police", "Morgan Constable-Example (demo)", .police),
        ("demo-liaison", "Robin Liaison-Sample (demo)", .liaison),
        ("demo-supervisor", "Casey Supervisor-Demo (demo)", .supervisor),
    ]
}
