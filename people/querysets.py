"""Named reads of people and their consent records."""

from django.db import models
from django.db.models import Exists, OuterRef


class ConsentRecordQuerySet(models.QuerySet):
    def current(self) -> "ConsentRecordQuerySet":
        """Consent not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def for_public_display(self) -> "ConsentRecordQuerySet":
        return self.current().filter(purpose=self.model.Purpose.PUBLIC_DISPLAY)

    def for_mailings(self) -> "ConsentRecordQuerySet":
        return self.current().filter(purpose=self.model.Purpose.MAILINGS)


class PersonQuerySet(models.QuerySet):
    def not_erased(self) -> "PersonQuerySet":
        return self.filter(erased_at__isnull=True)

    def public(self) -> "PersonQuerySet":
        """People with a current consent to be shown publicly (erased people never are)."""
        consents = self.model.consents.rel.related_model.objects.for_public_display()
        return self.not_erased().filter(Exists(consents.filter(person=OuterRef("pk"))))

    def with_public_flag(self) -> "PersonQuerySet":
        """Annotate ``_is_public``: the person has a current consent to be shown publicly."""
        consents = self.model.consents.rel.related_model.objects.for_public_display()
        return self.annotate(_is_public=Exists(consents.filter(person=OuterRef("pk"))))

    def with_email(self, email: str) -> "PersonQuerySet":
        """Every person record with this address, ignoring case (the network's and the portals')."""
        return self.filter(email__iexact=email.strip()) if email.strip() else self.none()
