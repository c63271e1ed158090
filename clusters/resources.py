"""django-import-export resources: what the admin's Export writes (and, for now, Import reads).

Export cells that start with =, +, - or @ are escaped (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) so a
spreadsheet program never runs them as formulas.
"""

from import_export import fields, resources, widgets

from .models import Cluster, Company, Contact, Membership


class ClusterResource(resources.ModelResource):
    sectors = fields.Field(
        attribute="sectors", column_name="sectors", widget=widgets.ManyToManyWidget("clusters.Sector", "name")
    )

    class Meta:
        model = Cluster
        import_id_fields = ["slug"]
        fields = [
            "name", "slug", "description", "sectors", "website", "email", "phone", "city", "region",
            "founded_year", "lcn_member", "lcn_joined_on", "excellence_label", "label_valid_until", "is_active",
        ]  # fmt: skip
        skip_unchanged = True
        report_skipped = True


class CompanyResource(resources.ModelResource):
    sector = fields.Field(
        attribute="sector", column_name="sector", widget=widgets.ForeignKeyWidget("clusters.Sector", "name")
    )

    class Meta:
        model = Company
        import_id_fields = ["slug"]
        fields = [
            "name", "slug", "registration_number", "website", "email", "phone", "city", "sector",
            "category", "description",
        ]  # fmt: skip
        skip_unchanged = True


class MembershipResource(resources.ModelResource):
    company = fields.Field(
        attribute="company", column_name="company", widget=widgets.ForeignKeyWidget(Company, "slug")
    )
    cluster = fields.Field(
        attribute="cluster", column_name="cluster", widget=widgets.ForeignKeyWidget(Cluster, "slug")
    )

    class Meta:
        model = Membership
        fields = ["id", "company", "cluster", "since", "until", "role"]
        skip_unchanged = True


class ContactResource(resources.ModelResource):
    cluster = fields.Field(
        attribute="cluster", column_name="cluster", widget=widgets.ForeignKeyWidget(Cluster, "slug")
    )
    company = fields.Field(
        attribute="company", column_name="company", widget=widgets.ForeignKeyWidget(Company, "slug")
    )

    class Meta:
        model = Contact
        import_id_fields = ["email"]
        fields = [
            "first_name", "last_name", "position", "email", "phone", "organisation", "cluster", "company",
            "role", "is_primary", "is_public", "consent_date",
        ]  # fmt: skip
        skip_unchanged = True
