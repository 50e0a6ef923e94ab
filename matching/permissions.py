"""Who may coordinate matching: Coordinators (granted by migration) and superusers."""


def can_coordinate(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("matching.add_assignment"))
    )
