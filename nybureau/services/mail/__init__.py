"""E-mail: what nybureau sends (agendas, approved minutes, reminders), composed as
:class:`~nybureau.services.mail.message.Outgoing` messages and sent through the outbox in the
database, so that a message is recorded before it leaves and is never sent twice or lost."""
