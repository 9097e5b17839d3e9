/**
 * Standard objects the apex-ls API 65 tables lack, described from the Salesforce field reference
 * (developer.salesforce.com/docs/platform/field-reference, "ContentNote"). Keep this list short: add an
 * object here only when a query needs it and the tables do not have it, with the page you took it from.
 */
export interface SupplementObject {
  /** Field name -> null for a plain field, or the object a relationship (`<Name>` without `Id`) points to. */
  fields: Record<string, string | null>;
}

export const SOBJECT_SUPPLEMENT: Record<string, SupplementObject> = {
  ContentNote: {
    fields: {
      Id: null,
      Content: null,
      ContentModifiedDate: null,
      ContentSize: null,
      ContentSizeLong: null,
      CreatedById: null,
      CreatedBy: 'User',
      CreatedDate: null,
      FileExtension: null,
      FileType: null,
      IsDeleted: null,
      IsReadOnly: null,
      LastModifiedById: null,
      LastModifiedBy: 'User',
      LastModifiedDate: null,
      LastViewedDate: null,
      LatestContentId: null,
      LatestPublishedVersionId: null,
      LatestPublishedVersion: 'ContentVersion',
      OwnerId: null,
      Owner: 'User',
      SharingPrivacy: null,
      TextPreview: null,
      Title: null
    }
  }
};
