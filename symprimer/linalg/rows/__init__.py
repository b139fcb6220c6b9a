"""Row operations with their board forms, and reduction to reduced row-echelon form."""
