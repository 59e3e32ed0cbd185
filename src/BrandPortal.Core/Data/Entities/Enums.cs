namespace BrandPortal.Core.Data.Entities;

public enum SellerPlan { Professional, Individual }

public enum AccountStanding { Good, AtRisk, Deactivated }

public enum BrandRole { Administrator, BrandRepresentative }

/// <summary>The permission catalogue; each entry lives under a header (see Access/PermissionCatalogue).</summary>
public enum Permission { CustomerReviews, BuyerSellerMessages, UserPermissions }

public enum PermissionLevel { None = 0, View = 1, ViewAndEdit = 2 }

public enum Marketplace { US, UK, DE, FR, ES, JP }

public enum ContactReason { CourtesyRefund, CustomerSupport }

public enum RefundState { Offered, Accepted }

public enum SupportAnswer { None, Granted, Declined }

public enum MessageSender { Customer, Brand }

public enum CaseState { Open, Approved, Rejected }

public enum EmailState { Queued, Sent, Failed }

public enum EmailKind { ContactCourtesyRefund, ContactCustomerSupport, BrandAnswered, CaseDecided, Invitation, ReviewDigest, ReviewAssigned, ConditionAlert }
