"""Public-site views of courses: learning pages and quizzes."""
