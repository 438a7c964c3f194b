import CareDomain
import Foundation

/// A supervisor adds a service to the catalogue or changes one.
public struct ServiceForm: CaseForm {
    public enum Field: String, FormFieldID { case name, category, provider, indigenousLed, culturallySpecific, languages, region }

    /// Nil for a new service.
    public let service: Service?
    public var title: String { service == nil ? "New service" : "Edit service" }
    public var child: ChildID? { nil }

    public init(service: Service?) { self.service = service }

    public func fields(in context: FormContext) -> [FieldSpec<Field>] {
        let yesNo = ["no", "yes"]
        return [
            FieldSpec(.name, "Name", value: service?.name ?? "", required: true),
            FieldSpec(.category, "Category", kind: .choice(Service.Category.allCases.map(\.rawValue)),
                      value: (service?.category ?? .counselling).rawValue, hint: "←→ or the first letter"),
            FieldSpec(.provider, "Provider", value: service?.provider ?? "", required: true),
            FieldSpec(.indigenousLed, "Indigenous-led", kind: .choice(yesNo), value: service?.indigenousLed == true ? "yes" : "no"),
            FieldSpec(.culturallySpecific, "Culturally specific", kind: .choice(yesNo), value: service?.culturallySpecific == true ? "yes" : "no",
                      hint: "a referral to a culturally specific service always needs a liaison's review"),
            FieldSpec(.languages, "Languages", kind: .list, value: (service?.languages ?? ["English"]).joined(separator: "\n"),
                      required: true, hint: "one per line"),
            FieldSpec(.region, "Region", value: service?.region ?? "", required: true),
        ]
    }

    public func submit(_ values: FieldValues<Field>, in context: FormContext) -> FormOutcome<Field> {
        var saved = service ?? Service(name: "", category: .counselling, provider: "", region: "")
        saved.name = values[.name]
        saved.category = Service.Category(rawValue: values[.category]) ?? saved.category
        saved.provider = values[.provider]
        saved.indigenousLed = values[.indigenousLed] == "yes"
        saved.culturallySpecific = values[.culturallySpecific] == "yes"
        saved.languages = values.items(.languages)
        saved.region = values[.region]
        let problems = ServiceRules.problems(saved).map { Problem(Field(rawValue: $0.field.rawValue) ?? .name, $0.message) }
        return problems.isEmpty ? .command(.saveService(saved)) : .problems(problems)
    }

    public func rebased(on theirs: AnyRecord) -> ServiceForm? {
        guard case .service(let newer) = theirs, newer.id == service?.id else { return nil }
        return ServiceForm(service: newer)
    }
}
