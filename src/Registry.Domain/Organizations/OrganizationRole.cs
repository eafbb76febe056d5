namespace Registry.Domain.Organizations;

public enum OrganizationRole { Manufacturer, Recycler, Ministry, Admin }
