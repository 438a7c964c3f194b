print("care")
