from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """The emulation year after the plan: registrations, compact, criteria, scoring, review, proposal."""

    name = "emulation"
    verbose_name = "Đăng ký, chấm điểm, bình xét và đề nghị khen thưởng"

    def ready(self):
        from emulation.criteria_document import register_blocks

        register_blocks()
