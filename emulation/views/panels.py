"""The plan page's section for the emulation papers (registered in plans.panels by EmulationConfig):
a registration's or a compact's document links back to its page, where its lines or signers are kept."""

from emulation.models import Compact, Registration


def paper_panel(request, plan) -> dict | None:
    """None for a plan (no query); for the emulation year's papers, one query for its page."""
    if plan.document_type == "registration":
        registration = Registration.objects.filter(document=plan).select_related("call").first()
        if registration is not None:
            return {
                "template": "emulation/paper_panel.html",
                "url": registration.get_absolute_url(),
                "label": "Danh hiệu đăng ký của đơn vị (thêm, xoá khi văn bản còn là dự thảo)",
            }
    if plan.document_type == "compact":
        compact = Compact.objects.filter(document=plan).first()
        if compact is not None:
            return {
                "template": "emulation/paper_panel.html",
                "url": compact.get_absolute_url(),
                "label": "Người ký của các đơn vị thành viên",
            }
    return None
