"""Member care: visits, needy-member files and 送温暖, women's health checks, donation and blood drives."""
from unionhome.care.models.drives import BloodDrive, BloodVolunteer, Donation, DonationDrive  # noqa: F401
from unionhome.care.models.hardship import Assistance, Consent, HardshipFile, HouseholdMember, Publication  # noqa: F401
from unionhome.care.models.health import HealthCheckCampaign, HealthCheckInvite, HealthCheckSlot  # noqa: F401
from unionhome.care.models.visits import CareVisit, VisitPhoto  # noqa: F401
from unionhome.care.models.warmth import WarmthCampaign, WarmthVisit  # noqa: F401
