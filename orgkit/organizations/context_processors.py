def tenancy(request):
    """Expose the organization and membership resolved for this request to templates."""
    return {
        "current_org": getattr(request, "organization", None),
        "current_member": getattr(request, "member", None),
    }
