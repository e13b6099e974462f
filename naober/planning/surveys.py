"""The needs survey: taking an answer in, and the results per village and theme."""
