"""The annual report builder: tables from the records, drafted text, audit, publishing."""
