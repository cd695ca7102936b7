extension DocumentInfo {
    /// The publication date as a period (`2019-06` is June 2019), or `nil` when the manifest
    /// gives none or gives one that is not ISO 8601 (the document is undated).
    public var partialDate: PartialDate? { PartialDate(document: date) }
}
