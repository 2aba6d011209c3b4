from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """The emulation year after the plan: registrations, compact, criteria, scoring, review, proposal."""

    name = "emulation"
    verbose_name = "Đăng ký, chấm điểm, bình xét và đề nghị khen thưởng"

    def ready(self):
        # What the emulation papers print inside the plan pipeline (plans/section_blocks.py).
        from emulation import documents
        from plans import section_blocks
        from plans.choices import SectionBlock

        section_blocks.register(
            SectionBlock.REGISTERED_AWARDS, documents.registered_awards, document_types=("registration",)
        )
        section_blocks.register(
            SectionBlock.COMPACT_SIGNATURES, documents.compact_signatures, document_types=("compact",)
        )

        # The reminders before a registration call's deadline, with the other daily work.
        from common.tasks import run_daily
        from emulation.tasks import send_registration_call_reminders

        run_daily(send_registration_call_reminders)
