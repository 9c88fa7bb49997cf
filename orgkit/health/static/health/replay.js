// The replay's slider shows its value as it moves. Without JavaScript the form still works:
// the number is shown after "Compare".
document.querySelectorAll("input[type=range][data-output]").forEach((range) => {
  const output = document.getElementById(range.dataset.output);
  if (!output) return;
  const show = () => { output.textContent = `${range.value}%`; };
  range.addEventListener("input", show);
});
