"""The emulation year's writes, a module per concern; each is `@transaction.atomic`, keyword-only,
takes the acting user and refuses with `common.errors.ServiceError`."""
