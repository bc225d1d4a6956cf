from access.policy import Tier, tier_for


def access(request):
    tier = tier_for(request.user) if hasattr(request, "user") else Tier.PUBLIC
    return {"access_tier": tier, "is_professional_tier": tier == Tier.PROFESSIONAL}
