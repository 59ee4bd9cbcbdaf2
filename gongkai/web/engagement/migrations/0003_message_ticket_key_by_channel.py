# A numbered message is named by its channel and its number: two mailboxes may both have a
# letter 001, and the key of the number alone let the second overwrite the first.

from django.db import migrations


def by_channel(apps, schema_editor):
    Message = apps.get_model("engagement", "Message")
    numbered = Message.objects.filter(import_key__startswith="ticket|").exclude(ticket_number="")
    for message in numbered.iterator():
        message.import_key = f"ticket|{message.channel}|{message.ticket_number}"[:400]
        message.save(update_fields=["import_key"])


def by_number(apps, schema_editor):
    Message = apps.get_model("engagement", "Message")
    numbered = Message.objects.filter(import_key__startswith="ticket|").exclude(ticket_number="")
    for message in numbered.iterator():
        message.import_key = f"ticket|{message.ticket_number}"[:400]
        message.save(update_fields=["import_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0002_importrun_register"),
    ]

    operations = [migrations.RunPython(by_channel, by_number)]
